package org.checkpointio.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.beans.Introspector;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
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
   * The literal default of an option, as metadata.json writes it: the value of its {@code
   * Default.String}, {@code Default.Boolean}, {@code Default.Integer}, {@code Default.Enum}, ...;
   * none for an option without a default or whose default is computed ({@code
   * Default.InstanceFactory}).
   */
  private static Optional<String> literalDefault(Method getter) {
    for (Annotation annotation : getter.getAnnotations()) {
      Class<? extends Annotation> type = annotation.annotationType();
      if (type.getEnclosingClass() == Default.class && type != Default.InstanceFactory.class) {
        try {
          Object value = type.getMethod("value").invoke(annotation);
          return Optional.of(
              value instanceof Class ? ((Class<?>) value).getName() : String.valueOf(value));
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
          throw new AssertionError(annotation + " has no value()", e);
        }
      }
    }
    return Optional.empty();
  }

  /** The Dataflow {@code paramType} for an option of Java type {@code type}. */
  private static String paramType(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return "BOOLEAN";
    }
    if (type.isEnum()) {
      return "ENUM";
    }
    if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
      return "NUMBER";
    }
    assertEquals(String.class, type, "an option type metadata.json has no paramType for");
    return "TEXT";
  }

  /**
   * Names exactly the options of {@code options}; optional exactly where no {@code
   * Validation.Required}; help text equal to each option's {@code @Description}; a label each;
   * {@code paramType} that of the option's Java type; {@code defaultValue} exactly where the option
   * has a literal {@code @Default}, equal to it; {@code enumOptions} exactly for an enum option,
   * its constants in order, each with a label.
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
          Class<?> type = getter.getReturnType();
          assertEquals(paramType(type), parameter.path("paramType").asText(), name + " paramType");
          assertEquals(
              literalDefault(getter),
              Optional.ofNullable(parameter.get("defaultValue")).map(JsonNode::asText),
              name + " defaultValue must be the option's @Default");
          assertEquals(
              type.isEnum() ? enumConstants(type) : List.of(),
              enumValues(name, parameter),
              name + " enumOptions must be the enum's constants");
        });
  }

  private static List<String> enumConstants(Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      names.add(((Enum<?>) constant).name());
    }
    return names;
  }

  private static List<String> enumValues(String name, JsonNode parameter) {
    List<String> values = new ArrayList<>();
    for (JsonNode option : parameter.path("enumOptions")) {
      assertFalse(option.path("label").asText().isBlank(), name + " option " + option);
      values.add(option.path("value").asText());
    }
    return values;
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
