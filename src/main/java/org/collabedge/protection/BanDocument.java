package org.collabedge.protection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stored form of the active bans: {@code {"version":1,"bans":[{"address":..,"category":..,"since":..,
 * "until":..}]}}, compact (no indentation: the document is rewritten while an attack goes on, and on Openfire every
 * 2,900 bytes are one property row). Reading checks every entry: an entry that is not a single address with
 * {@code since <= until} is skipped and counted; a document that is not this shape at all is refused whole.
 */
final class BanDocument {

    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a stored document held: the readable bans and how many entries were not. */
    record Read(List<Ban> bans, int skipped) {
    }

    private BanDocument() {
    }

    static String write(List<Ban> bans) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("bans");
        for (Ban b : bans) {
            list.addObject().put("address", b.address()).put("category", b.category())
                    .put("since", b.sinceMillis()).put("until", b.untilMillis());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalStateException when the text is not a ban document (the message says why) */
    static Read read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject() || !root.path("bans").isArray()) {
            throw new IllegalStateException("no 'bans' list");
        }
        List<Ban> bans = new ArrayList<>();
        int skipped = 0;
        for (JsonNode n : root.get("bans")) {
            Ban b = entry(n);
            if (b == null) {
                skipped++;
            } else {
                bans.add(b);
            }
        }
        return new Read(List.copyOf(bans), skipped);
    }

    private static Ban entry(JsonNode n) {
        JsonNode since = n.path("since");
        JsonNode until = n.path("until");
        String category = n.path("category").asText("");
        String address = n.path("address").asText("");
        if (!since.canConvertToLong() || !until.canConvertToLong() || category.isEmpty()
                || since.asLong() > until.asLong()) {
            return null;
        }
        // Stored in the normal form BanList keys with; anything else (a block, a host name) was never a ban.
        return Cidr.parse(address).filter(Cidr::isSingleAddress).filter(c -> c.toString().equals(address))
                .map(c -> new Ban(address, category, since.asLong(), until.asLong())).orElse(null);
    }
}
