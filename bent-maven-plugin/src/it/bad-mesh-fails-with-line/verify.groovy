// An invalid mesh failed the build with the CLI's file:line:column message, no stack trace, no output.
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*mesh\.yaml:5:11: error: port must be in \[1, 65535\], got 70000$/
assert log.contains('bent: invalid mesh; nothing was written')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
assert !new File(basedir, 'src/test/bent').exists()
return true
