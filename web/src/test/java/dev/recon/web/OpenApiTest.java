package dev.recon.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recon.persistence.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API document served at /api/openapi.json describes exactly the API routes, with their roles.
 */
class OpenApiTest {
  @TempDir Path tempDir;

  @Test
  void everyApiRouteIsDocumentedWithItsRoleAndNothingElseIs() throws IOException {
    try (TestServer server = new TestServer(TestDatabase.Backend.H2, tempDir)) {
      JsonNode document =
          new ObjectMapper().readTree(server.client().get("/api/openapi.json").body());
      Map<String, String> documented = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields();
          paths.hasNext(); ) {
        Map.Entry<String, JsonNode> path = paths.next();
        path.getValue()
            .fields()
            .forEachRemaining(
                operation ->
                    documented.put(
                        operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        operation.getValue().get("x-recon-role").asText()));
      }
      Map<String, String> routes = new TreeMap<>();
      for (Route route : server.server.routes()) {
        if (route.isApi()) {
          routes.put(
              route.method() + " " + route.path(), route.access().name().toLowerCase(Locale.ROOT));
        }
      }
      assertThat(documented).isEqualTo(routes);
      assertThat(document.get("openapi").asText()).startsWith("3.");
    }
  }
}
