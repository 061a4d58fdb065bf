package dev.parceler.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parceler.config.NotifySettings.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A notice as each receiver reads it: Parceler's generic object, or the message shapes of Slack, Discord and Teams. */
final class NoticeBodies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NoticeBodies() {
    }

    static String body(Shape shape, Notice notice) {
        String line = "[Parceler] " + notice.text();
        Map<String, Object> body = new LinkedHashMap<>();
        switch (shape) {
            case GENERIC -> {
                body.put("event", notice.kind());
                body.put("repository", notice.repository().orElse(null));
                body.put("text", notice.text());
                body.put("at", notice.at().toString());
                body.put("key", notice.key());
            }
            case SLACK -> body.put("text", line);
            case DISCORD -> body.put("content", line);
            case TEAMS -> {
                // An Office 365 connector card: what a Teams incoming webhook takes.
                body.put("@type", "MessageCard");
                body.put("@context", "https://schema.org/extensions");
                body.put("summary", "Parceler: " + notice.kind());
                body.put("text", line);
                body.put("sections", List.of());
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
