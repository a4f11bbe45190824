package org.checkpointio;

/**
 * A write's schema cannot be aligned to the schema contract of its checkpoint: a field is extra,
 * a non-nullable field is missing, or a type cannot be cast safely. Names the field and both
 * types.
 */
public class SchemaMismatchException extends IllegalArgumentException {
  private final String field;
  private final String contractType;
  private final String writeType;

  public SchemaMismatchException(
      String checkpoint, String field, String contractType, String writeType, String fix) {
    super(
        String.format(
            "Schema mismatch for checkpoint '%s', field '%s': the schema contract has %s, this "
                + "write has %s. %s",
            checkpoint, field, contractType, writeType, fix));
    this.field = field;
    this.contractType = contractType;
    this.writeType = writeType;
  }

  /** The field's path, nested fields joined with dots. */
  public String getField() {
    return field;
  }

  /** The field's type in the contract, or "absent". */
  public String getContractType() {
    return contractType;
  }

  /** The field's type in the write, or "absent". */
  public String getWriteType() {
    return writeType;
  }
}
