package org.checkpointio.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** A template's metadata.json, checked against the options interface that is its parameters. */
public final class TemplateMetadata {
  private final Path file;
  private final JsonNode root;
  private final Map<String, JsonNode> parameters = new TreeMap<>();

  private TemplateMetadata(Path file) throws IOException {
    this.file = file;
    this.root = new ObjectMapper().readTree(file.toFile());
    for (JsonNode parameter : root.get("parameters")) {
      parameters.put(parameter.get("name").asText(), parameter);
    }
  }

  /** The metadata.json of template directory {@code template} (e.g. "checkpoint-cleanup"). */
  public static TemplateMetadata of(String template) throws IOException {
    return new TemplateMetadata(
        Path.of(System.getProperty("templates.dir", "."), template, "metadata.json"));
  }

  /** The options declared by {@code options} itself (not PipelineOptions'), by property name. */
  private static Map<String, Method> declaredGetters(Class<? extends PipelineOptions> options) {
    Map<String, Method> getters = new TreeMap<>();
    for (Method method : options.getDeclaredMethods()) {
      String name = method.getName();
      if (method.getParameterCount() == 0 && (name.startsWith("get") || name.startsWith("is"))) {
        getters.put(
            Introspector.decapitalize(name.substring(name.startsWith("get") ? 3 : 2)), method);
      }
    }
    return getters;
  }

  /**
   * Names exactly the options of {@code options}; optional exactly where no {@code
   * Validation.Required}; help text equal to each option's {@code @Description}; a label each.
   */
  public void assertDeclaresExactly(Class<? extends PipelineOptions> options) {
    assertFalse(root.path("name").asText().isBlank(), file + " has no name");
    assertFalse(root.path("description").asText().isBlank(), file + " has no description");
    Map<String, Method> getters = declaredGetters(options);
    assertEquals(getters.keySet(), parameters.keySet(), file + " parameters vs " + options);
    getters.forEach(
        (name, getter) -> {
          JsonNode parameter = parameters.get(name);
          boolean required = getter.isAnnotationPresent(Validation.Required.class);
          assertEquals(
              !required, parameter.path("isOptional").asBoolean(false), name + " isOptional");
          assertEquals(
              getter.getAnnotation(Description.class).value(),
              parameter.path("helpText").asText(),
              name + " helpText must be the option's @Description");
          assertFalse(parameter.path("label").asText().isBlank(), name + " has no label");
        });
  }

  /** Parameter {@code name}'s regexes all accept {@code value}. */
  public void assertAccepts(String name, String value) {
    JsonNode regexes = parameters.get(name).path("regexes");
    assertTrue(regexes.size() > 0, name + " has no regex");
    for (JsonNode regex : regexes) {
      assertTrue(
          Pattern.compile(regex.asText()).matcher(value).matches(),
          name + " regex " + regex + " rejects " + value);
    }
  }

  /** Some regex of parameter {@code name} rejects {@code value}. */
  public void assertRejects(String name, String value) {
    JsonNode regexes = parameters.get(name).path("regexes");
    assertTrue(regexes.size() > 0, name + " has no regex");
    boolean rejected = false;
    for (JsonNode regex : regexes) {
      rejected |= !Pattern.compile(regex.asText()).matcher(value).matches();
    }
    assertTrue(rejected, name + " regexes " + regexes + " accept " + value);
  }

  /** The regexes of parameter {@code name}, as written. */
  public String regex(String name) {
    return parameters.get(name).path("regexes").get(0).asText();
  }
}
