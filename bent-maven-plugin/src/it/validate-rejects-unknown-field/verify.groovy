// bent:validate failed on the misspelt cluster field, naming the file and the field, and on nothing else.
def log = new File(basedir, 'build.log').text
assert log =~ /(?m)^\[ERROR\] \S*envoy\/edge\/cds\.yaml: error: resources\[0\]\.conect_timeout: unknown field "conect_timeout" in envoy\.config\.cluster\.v3\.Cluster$/
assert log =~ /(?m)^\[ERROR\] bent: 1 error$/
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'no stack trace'
return true
