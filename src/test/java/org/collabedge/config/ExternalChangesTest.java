package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** Subscriptions to other nodes' document changes: each one closes itself and only itself. */
class ExternalChangesTest {

    @Test
    void closingASubscriptionTwiceLeavesAnotherOfTheSameSubscriber() {
        ExternalChanges changes = new ExternalChanges();
        List<String> seen = new ArrayList<>();
        Consumer<String> subscriber = seen::add;
        ExternalChanges.Subscription first = changes.subscribe(subscriber);
        changes.subscribe(subscriber); // a second, still wanted (say: the service restarted)

        first.close();
        first.close(); // "may be repeated"
        changes.publish("edge.json");

        assertEquals(List.of("edge.json"), seen);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() {
        ExternalChanges changes = new ExternalChanges();
        List<String> seen = new ArrayList<>();
        ExternalChanges.Subscription s = changes.subscribe(seen::add);
        changes.publish("a");
        s.close();
        changes.publish("b");
        assertEquals(List.of("a"), seen);
    }
}
