package org.checkpointio;

import java.util.List;

/** No committed checkpoint of a name exists at any of the paths a read tried. */
public class CheckpointNotFoundException extends RuntimeException {
  private final String name;
  private final List<String> triedPaths;

  public CheckpointNotFoundException(String name, List<String> triedPaths) {
    super(
        String.format(
            "No committed checkpoint named '%s': no manifest in %s. "
                + "A CheckpointIO.write(\"%s\") to this context must run (and commit) first.",
            name, String.join(" nor at ", triedPaths), name));
    this.name = name;
    this.triedPaths = List.copyOf(triedPaths);
  }

  public String getName() {
    return name;
  }

  public List<String> getTriedPaths() {
    return triedPaths;
  }
}
