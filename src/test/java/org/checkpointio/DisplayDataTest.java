package org.checkpointio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every transform tells a runner's UI what it reads or writes, and where. */
class DisplayDataTest {
  @TempDir Path root;

  private static void assertItem(DisplayData data, String key, String value) {
    String found =
        data.items().stream()
            .filter(item -> item.getKey().equals(key))
            .map(item -> String.valueOf(item.getValue()))
            .findFirst()
            .orElse(null);
    assertEquals(value, found, "display item " + key + " in " + data);
  }

  @Test
  void writeShowsNameScopeFormatAndRoot() {
    CheckpointContext context = CheckpointContext.of(root.toString(), "r").withCorrelationId("c");
    DisplayData data =
        DisplayData.from(
            CheckpointIO.write("orders")
                .to(context)
                .withScope(CheckpointScope.CORRELATION)
                .withFormat(CheckpointFormat.PARQUET)
                .withDecimal("amount", 18, 2)
                .withDecimal("fee", 9, 4));
    assertItem(data, "name", "orders");
    assertItem(data, "scope", "CORRELATION");
    assertItem(data, "format", "PARQUET");
    assertItem(data, "root", root.toString());
    assertItem(data, "decimals", "amount DECIMAL(18,2), fee DECIMAL(9,4)");
  }

  @Test
  void readShowsNameScopeFormatAndRoot() {
    CheckpointContext context = CheckpointContext.of(root.toString(), "r");
    DisplayData acrossJobs = DisplayData.from(CheckpointIO.read("orders").from(context));
    assertItem(acrossJobs, "name", "orders");
    assertItem(acrossJobs, "scope", "RUN, then CORRELATION");
    assertItem(acrossJobs, "format", "as recorded in the manifest");
    assertItem(acrossJobs, "root", root.toString());

    Pipeline pipeline = TestPipelines.create();
    CheckpointWriteResult written =
        pipeline
            .apply(Create.of(TestRows.orders(0, 1)).withRowSchema(TestRows.ORDER))
            .apply(CheckpointIO.write("orders").to(context));
    DisplayData samePipeline = DisplayData.from(CheckpointIO.read(written));
    assertItem(samePipeline, "name", "orders");
    assertItem(samePipeline, "scope", "RUN");
    assertItem(samePipeline, "format", "PARQUET");
    assertItem(samePipeline, "root", root.toString());
  }
}
