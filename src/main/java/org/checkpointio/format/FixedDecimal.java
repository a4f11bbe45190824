package org.checkpointio.format;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema.LogicalType;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.apache.beam.sdk.schemas.logicaltypes.FixedPrecisionNumeric;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A decimal of fixed precision and scale, as Beam's {@link FixedPrecisionNumeric} declares it and
 * as Parquet's DECIMAL and Arrow's Decimal128 store it, and the check that a value fits.
 *
 * <p>A value fits when it needs no rounding at the scale and then has at most {@code precision}
 * digits: at most {@code precision - scale} before the point, at most {@code scale} after it.
 * Trailing zeros beyond the scale are no digits ({@code 1.500} fits a scale of 2).
 */
public final class FixedDecimal implements Serializable {
  /** The most digits a Decimal128 holds, and so the most a fixed decimal field may declare. */
  public static final int MAX_PRECISION = 38;

  private final int precision;
  private final int scale;

  private FixedDecimal(int precision, int scale) {
    this.precision = precision;
    this.scale = scale;
  }

  /**
   * @throws IllegalArgumentException unless {@code 1 <= precision <= 38} and {@code 0 <= scale
   *     <= precision}
   */
  public static FixedDecimal of(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
      throw new IllegalArgumentException(
          String.format(
              "a fixed decimal needs 1 <= precision <= %d and 0 <= scale <= precision, but got "
                  + "precision %d and scale %d",
              MAX_PRECISION, precision, scale));
    }
    return new FixedDecimal(precision, scale);
  }

  /**
   * The fixed decimal a field type declares: a {@link FixedPrecisionNumeric} of precision 1 to 38.
   * Null for any other type, and for a {@code FixedPrecisionNumeric} with no precision (-1) or a
   * larger one, which formats store as text, as they store {@code DECIMAL}.
   */
  public static @Nullable FixedDecimal of(FieldType type) {
    if (type.getTypeName() != TypeName.LOGICAL_TYPE) {
      return null;
    }
    LogicalType<?, ?> logicalType = type.getLogicalType();
    if (!FixedPrecisionNumeric.IDENTIFIER.equals(logicalType.getIdentifier())) {
      return null;
    }
    Row argument = logicalType.getArgument();
    Integer precision = argument.getInt32("precision");
    Integer scale = argument.getInt32("scale");
    if (precision == null
        || scale == null
        || precision < 1
        || precision > MAX_PRECISION
        || scale < 0
        || scale > precision) {
      return null;
    }
    return new FixedDecimal(precision, scale);
  }

  /**
   * Whether values of {@code type} are decimals: a plain DECIMAL, or a {@link
   * FixedPrecisionNumeric} of any precision (both hold {@link BigDecimal}s).
   */
  public static boolean isDecimal(FieldType type) {
    return type.getTypeName() == TypeName.DECIMAL
        || (type.getTypeName() == TypeName.LOGICAL_TYPE
            && FixedPrecisionNumeric.IDENTIFIER.equals(type.getLogicalType().getIdentifier()));
  }

  /**
   * The plain DECIMAL that formats store as text, nullable as {@code type} is: how a shard
   * written before fixed-precision decimals had columns of their own holds one.
   */
  public static FieldType asText(FieldType type) {
    return FieldType.DECIMAL.withNullable(type.getNullable());
  }

  /** The Beam field type of this decimal, nullable or not. */
  public FieldType fieldType(boolean nullable) {
    return FieldType.logicalType(FixedPrecisionNumeric.of(precision, scale))
        .withNullable(nullable);
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  /**
   * {@code value} at this scale ({@code 1.5} becomes {@code 1.50} at scale 2), exactly.
   *
   * @throws IllegalArgumentException naming {@code path} and the value if it has more digits after
   *     the point than the scale, or more before it than {@code precision - scale}
   */
  public BigDecimal fit(String path, BigDecimal value) {
    BigDecimal scaled;
    try {
      scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          String.format(
              "Field '%s' is %s, but holds %s, which has more than %d digits after the point; "
                  + "round it before the write, such as with setScale(%d, RoundingMode.HALF_EVEN)",
              path, this, value.toPlainString(), scale, scale),
          e);
    }
    if (scaled.precision() > precision) {
      throw new IllegalArgumentException(
          String.format(
              "Field '%s' is %s, but holds %s, which has more than %d digits before the point; "
                  + "declare a larger precision",
              path, this, value.toPlainString(), precision - scale));
    }
    return scaled;
  }

  /**
   * The fewest bytes whose two's complement holds every unscaled value of this precision: the
   * width of Parquet's FIXED_LEN_BYTE_ARRAY for it (8 for precision 18, 16 for 38).
   */
  public int byteWidth() {
    int bits = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE).bitLength() + 1;
    return (bits + 7) / 8;
  }

  /** As SQL names it, such as {@code DECIMAL(18,2)}. */
  @Override
  public String toString() {
    return "DECIMAL(" + precision + "," + scale + ")";
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof FixedDecimal
        && ((FixedDecimal) other).precision == precision
        && ((FixedDecimal) other).scale == scale;
  }

  @Override
  public int hashCode() {
    return 31 * precision + scale;
  }
}
