package dev.jasyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * White-box test of the package-private {@link PersistentMap} behind context variables; the
 * PEP 567 rules themselves are in the conformance suite (loop-tests, {@code conformance.context}).
 */
class PersistentMapTest {

    /** The persistent map agrees with a HashMap through random sets and removals, sharing structure. */
    @Test
    void persistentMapAgreesWithAHashMap() {
        Random rnd = new Random(7);
        List<ContextVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vars.add(new ContextVar<>("v" + i));
        }
        PersistentMap m = PersistentMap.EMPTY;
        Map<ContextVar<?>, Object> ref = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            ContextVar<Integer> v = vars.get(rnd.nextInt(vars.size()));
            PersistentMap before = m;
            int sizeBefore = before.size();
            if (rnd.nextInt(4) == 0) {
                m = m.minus(v);
                ref.remove(v);
            } else {
                m = m.plus(v, i);
                ref.put(v, i);
            }
            assertEquals(sizeBefore, before.size(), "an older version never changes");
            assertEquals(ref.size(), m.size());
        }
        assertEquals(ref, m.toMap());
        for (ContextVar<Integer> v : vars) {
            assertEquals(ref.get(v), m.get(v, null));
        }
        assertNull(PersistentMap.EMPTY.get(vars.get(0), null));
    }
}
