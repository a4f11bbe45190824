package org.checkpointio.storage.gcs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32C;

/** One object of the test GCS server: its content and the metadata the JSON API reports. */
record StoredObject(
    String bucket,
    String name,
    byte[] content,
    String contentType,
    Map<String, String> metadata,
    long generation,
    Instant created) {
  private static final ObjectMapper JSON = new ObjectMapper();

  StoredObject {
    created = created.truncatedTo(ChronoUnit.MILLIS);
  }

  /** CRC32C of the content, big-endian, base64: the API's {@code crc32c} field. */
  String crc32c() {
    CRC32C crc = new CRC32C();
    crc.update(content);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  String md5() {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The object resource, as {@code objects.get} returns it. */
  ObjectNode toJson(String baseUrl) {
    String path = "/b/" + encode(bucket) + "/o/" + encode(name);
    ObjectNode json = JSON.createObjectNode();
    json.put("kind", "storage#object");
    json.put("id", bucket + "/" + name + "/" + generation);
    json.put("selfLink", baseUrl + "/storage/v1" + path);
    json.put(
        "mediaLink",
        baseUrl + "/download/storage/v1" + path + "?generation=" + generation + "&alt=media");
    json.put("name", name);
    json.put("bucket", bucket);
    json.put("generation", Long.toString(generation));
    json.put("metageneration", "1");
    json.put("contentType", contentType);
    json.put("storageClass", "STANDARD");
    json.put("size", Long.toString(content.length));
    json.put("md5Hash", md5());
    json.put("crc32c", crc32c());
    json.put(
        "etag",
        Base64.getEncoder()
            .encodeToString(Long.toString(generation).getBytes(StandardCharsets.UTF_8)));
    json.put("timeCreated", created.toString());
    json.put("updated", created.toString());
    json.put("timeStorageClassUpdated", created.toString());
    if (!metadata.isEmpty()) {
      ObjectNode custom = json.putObject("metadata");
      metadata.forEach(custom::put);
    }
    return json;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
