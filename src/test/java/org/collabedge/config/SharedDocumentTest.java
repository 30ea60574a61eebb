package org.collabedge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.collabedge.standalone.FileConfigStore;
import org.collabedge.standalone.LocalSharedState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feature's own settings document: defaults, validated changes, restart reasons and changes from other nodes. */
class SharedDocumentTest {

    /** A stand-in for a feature's settings record. */
    public record Limits(int maxCalls, String label) {
    }

    @TempDir
    Path dir;

    private FileConfigStore store;
    private LocalSharedState shared;
    private RestartNotices notices;

    @BeforeEach
    void setUp() {
        store = new FileConfigStore(dir);
        shared = new LocalSharedState(Clock.systemUTC());
        notices = new RestartNotices();
    }

    private SharedDocument<Limits> node() {
        SharedDocument<Limits> d = new SharedDocument<>("limits", new DocumentCodec<>(Limits.class, 1),
                () -> new Limits(10, "default"), store, shared, notices);
        d.load();
        return d;
    }

    @Test
    void startsFromDefaultsAndKeepsWhatWasChanged() {
        SharedDocument<Limits> a = node();
        assertEquals(new Limits(10, "default"), a.current());
        a.change(l -> new Limits(20, l.label()));
        assertEquals(new Limits(20, "default"), node().current(), "a restarted node reads the stored copy");
    }

    @Test
    void aRefusedEditStoresNothingAndTellsNoOne() {
        SharedDocument<Limits> a = node();
        List<Limits> heard = new ArrayList<>();
        a.addListener((before, after) -> {
            heard.add(after);
            return null;
        });
        assertThrows(ValidationException.class, () -> a.change(l -> {
            throw new ValidationException(new FieldError("limits.maxCalls", "error.range", 1, 100));
        }));
        assertEquals(new Limits(10, "default"), node().current());
        assertTrue(heard.isEmpty());
    }

    @Test
    void editsStartFromTheStoredCopySoNodesDoNotLoseEachOthersChanges() {
        SharedDocument<Limits> a = node();
        SharedDocument<Limits> b = node();
        a.change(l -> new Limits(30, l.label()));
        b.change(l -> new Limits(l.maxCalls(), "renamed"));
        assertEquals(new Limits(30, "renamed"), node().current());
    }

    @Test
    void listenersLeaveRestartReasonsAndHearChangesFromElsewhere() {
        SharedDocument<Limits> a = node();
        SharedDocument<Limits> b = node();
        ExternalChanges changes = new ExternalChanges();
        changes.subscribe(b);
        List<Limits> heardOnB = new ArrayList<>();
        b.addListener((before, after) -> {
            heardOnB.add(after);
            return "the relay restarts to use a new limit";
        });
        a.change(l -> new Limits(40, l.label()));
        changes.publish("some-other-document");
        assertTrue(heardOnB.isEmpty());
        changes.publish("limits");
        assertEquals(List.of(new Limits(40, "default")), heardOnB);
        assertEquals(new Limits(40, "default"), b.current());
        assertEquals(java.util.Set.of("the relay restarts to use a new limit"), notices.all());
    }
}
