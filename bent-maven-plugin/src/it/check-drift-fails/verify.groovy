// bent:check failed with a unified diff of the changed file and the command that accepts it.
def log = new File(basedir, 'build.log').text
assert log.contains('bent: the output of mesh.yaml differs from the golden files in src/test/bent: '
    + '1 file differs, 0 missing, 0 extra')
assert log =~ /(?m)^\[ERROR\] --- src\/test\/bent\/beta\/cds\.yaml$/
assert log =~ /(?m)^\[ERROR\] \+\+\+ compiled\/beta\/cds\.yaml$/
assert log =~ /(?m)^\[ERROR\] @@ -25,4 \+25,4 @@$/
assert log =~ /(?m)^\[ERROR\] -              port_value: 3000$/
assert log =~ /(?m)^\[ERROR\] \+              port_value: 3001$/
assert log.contains("run 'mvn bent:update' to rewrite src/test/bent")
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'

// check only reads: golden still holds the old port.
assert new File(basedir, 'src/test/bent/beta/cds.yaml').text.contains('port_value: 3000')
return true
