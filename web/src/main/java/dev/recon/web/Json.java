package dev.recon.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.json.JavalinJackson;

/**
 * The API's JSON: records as objects, times as ISO-8601 text, amounts as exact minor-unit integers
 * with their currency (never floating point), and unknown request fields refused.
 */
final class Json {
  private Json() {}

  static JavalinJackson mapper() {
    ObjectMapper mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    return new JavalinJackson(mapper, false);
  }
}
