// The ordinary build passes: compile, validate and check ran in their default phases, in order.
import java.nio.file.Files

def log = new File(basedir, 'build.log').text
assert log.contains('bent: compiled 2 nodes into target/bent')
assert log.contains('bent: target/bent: 10 files of 2 nodes are valid Envoy configuration')
assert log.contains('bent: src/test/bent is up to date: 10 files of 2 nodes match')
def order = [':compile (default)', ':validate (default)', ':check (default)'].collect { log.indexOf(it) }
assert order.every { it >= 0 } && order == order.sort(false)

// bent:compile writes live node directories; golden holds plain files seen under /etc/envoy/<node>.
assert Files.isSymbolicLink(new File(basedir, 'target/bent/beta/..data').toPath())
def golden = new File(basedir, 'src/test/bent/beta/bootstrap.yaml')
assert Files.isRegularFile(golden.toPath()) && !Files.isSymbolicLink(golden.toPath())
assert golden.text.contains('path: /etc/envoy/beta/cds.yaml')
return true
