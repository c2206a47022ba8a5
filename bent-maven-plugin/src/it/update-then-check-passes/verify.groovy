// bent:update rewrote the stale golden directory, removing what the mesh no longer makes.
def log = new File(basedir, 'build.log').text
assert log.contains('bent: updated src/test/bent: 10 written, 2 removed, 0 unchanged')
assert log.contains('bent: src/test/bent is up to date: 10 files of 2 nodes match')

def golden = new File(basedir, 'src/test/bent')
def files = []
golden.eachFileRecurse(groovy.io.FileType.FILES) { files << golden.toPath().relativize(it.toPath()).toString() }
assert files.sort() == ['.bent-nodes', 'alpha/bootstrap.yaml', 'alpha/cds.yaml', 'alpha/lds.yaml', 'alpha/rds/egress.yaml',
    'alpha/rds/ingress.yaml', 'beta/bootstrap.yaml', 'beta/cds.yaml', 'beta/lds.yaml', 'beta/rds/egress.yaml',
    'beta/rds/ingress.yaml']
assert !new File(golden, 'retired').exists()
assert new File(golden, '.bent-nodes').text.endsWith('kind: golden\nalpha\nbeta\n')
return true
