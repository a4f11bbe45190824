// Runs after the three builds of invoker.properties: both round trips passed, and the third
// build failed on the divergent Beam module, not on anything else.
def log = new File(basedir, 'build.log').text
['2.62.0', '2.72.0'].each { beam ->
  ['PARQUET', 'ARROW'].each { format ->
    def line = "${format} round trip on Beam ${beam}: 1000 rows written, read back equal, tree deleted"
    assert log.contains(line) : "missing: ${line}"
  }
}
assert log =~ /Dependency convergence error for org\.apache\.beam:beam-/ :
    'the divergent build did not fail on a Beam module'
return true
