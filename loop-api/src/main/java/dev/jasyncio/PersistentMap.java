package dev.jasyncio;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable map from {@link ContextVar} to value: a hash array mapped trie keyed by the
 * variables' identity hashes. {@link #plus} and {@link #minus} return new maps sharing all
 * untouched nodes, in O(log32 n); a copy of a context is a copy of a reference (PEP 567's HAMT).
 */
final class PersistentMap {
    /*
     * Nodes are Object[] arrays of (key, value) pairs behind a 32-bit bitmap per level, 5 bits
     * of the hash per level. A slot's key is either a ContextVar (then the value is its value) or
     * null (then the value is a sub-node). Two keys whose hashes collide on all 32 bits land in a
     * Collision node, a plain array of pairs. Invariants: (1) nodes are never mutated after
     * construction; (2) a node's entries appear in bitmap order; (3) no empty sub-node is stored.
     */
    static final PersistentMap EMPTY = new PersistentMap(new Node(0, new Object[0]), 0);

    private final Node root;
    private final int size;

    private PersistentMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    int size() {
        return size;
    }

    /** The value of {@code key}, or {@code absent} if it has none here. */
    Object get(ContextVar<?> key, Object absent) {
        return root.get(key, System.identityHashCode(key), 0, absent);
    }

    PersistentMap plus(ContextVar<?> key, Object value) {
        boolean[] added = new boolean[1];
        Node r = root.plus(key, System.identityHashCode(key), 0, value, added);
        return r == root ? this : new PersistentMap(r, added[0] ? size + 1 : size);
    }

    PersistentMap minus(ContextVar<?> key) {
        Object r = root.minus(key, System.identityHashCode(key), 0);
        if (r == root) {
            return this;
        }
        return r == null ? EMPTY : new PersistentMap((Node) r, size - 1);
    }

    Map<ContextVar<?>, Object> toMap() {
        Map<ContextVar<?>, Object> out = new LinkedHashMap<>();
        root.collect(out);
        return out;
    }

    private static final Object MISSING = new Object();

    private static class Node {
        final int bitmap;
        final Object[] slots;

        Node(int bitmap, Object[] slots) {
            this.bitmap = bitmap;
            this.slots = slots;
        }

        Object get(ContextVar<?> key, int hash, int shift, Object absent) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((bitmap & bit) == 0) {
                return absent;
            }
            int i = 2 * Integer.bitCount(bitmap & (bit - 1));
            Object k = slots[i];
            if (k == null) {
                return ((Node) slots[i + 1]).get(key, hash, shift + 5, absent);
            }
            return k == key ? slots[i + 1] : absent;
        }

        Node plus(ContextVar<?> key, int hash, int shift, Object value, boolean[] added) {
            int bit = 1 << ((hash >>> shift) & 31);
            int i = 2 * Integer.bitCount(bitmap & (bit - 1));
            if ((bitmap & bit) == 0) {
                Object[] s = new Object[slots.length + 2];
                System.arraycopy(slots, 0, s, 0, i);
                s[i] = key;
                s[i + 1] = value;
                System.arraycopy(slots, i, s, i + 2, slots.length - i);
                added[0] = true;
                return new Node(bitmap | bit, s);
            }
            Object k = slots[i];
            Object v = slots[i + 1];
            Object replacement;
            if (k == null) {
                Node sub = (Node) v;
                Node n = sub.plus(key, hash, shift + 5, value, added);
                if (n == sub) {
                    return this;
                }
                replacement = n;
            } else if (k == key) {
                if (v == value) {
                    return this;
                }
                Object[] s = slots.clone();
                s[i + 1] = value;
                return new Node(bitmap, s);
            } else {
                added[0] = true;
                replacement = pair((ContextVar<?>) k, v, key, value, hash, shift + 5);
            }
            Object[] s = slots.clone();
            s[i] = null;
            s[i + 1] = replacement;
            return new Node(bitmap, s);
        }

        private static Node pair(ContextVar<?> k1, Object v1, ContextVar<?> k2, Object v2, int h2, int shift) {
            int h1 = System.identityHashCode(k1);
            if (shift >= 32 || h1 == h2) {
                return new Collision(new Object[] {k1, v1, k2, v2});
            }
            int b1 = (h1 >>> shift) & 31;
            int b2 = (h2 >>> shift) & 31;
            if (b1 == b2) {
                return new Node(1 << b1, new Object[] {null, pair(k1, v1, k2, v2, h2, shift + 5)});
            }
            return b1 < b2
                ? new Node((1 << b1) | (1 << b2), new Object[] {k1, v1, k2, v2})
                : new Node((1 << b1) | (1 << b2), new Object[] {k2, v2, k1, v1});
        }

        /** This node without key: itself if absent, null if it becomes empty. */
        Object minus(ContextVar<?> key, int hash, int shift) {
            int bit = 1 << ((hash >>> shift) & 31);
            if ((bitmap & bit) == 0) {
                return this;
            }
            int i = 2 * Integer.bitCount(bitmap & (bit - 1));
            Object k = slots[i];
            if (k == null) {
                Node sub = (Node) slots[i + 1];
                Object n = sub.minus(key, hash, shift + 5);
                if (n == sub) {
                    return this;
                }
                if (n != null) {
                    Object[] s = slots.clone();
                    s[i + 1] = n;
                    return new Node(bitmap, s);
                }
            } else if (k != key) {
                return this;
            }
            if (bitmap == bit) {
                return null;
            }
            Object[] s = new Object[slots.length - 2];
            System.arraycopy(slots, 0, s, 0, i);
            System.arraycopy(slots, i + 2, s, i, slots.length - i - 2);
            return new Node(bitmap & ~bit, s);
        }

        void collect(Map<ContextVar<?>, Object> out) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == null) {
                    ((Node) slots[i + 1]).collect(out);
                } else {
                    out.put((ContextVar<?>) slots[i], slots[i + 1]);
                }
            }
        }
    }

    /** Keys whose identity hashes are equal: a flat list of pairs, searched linearly. */
    private static final class Collision extends Node {
        Collision(Object[] pairs) {
            super(0, pairs);
        }

        @Override
        Object get(ContextVar<?> key, int hash, int shift, Object absent) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == key) {
                    return slots[i + 1];
                }
            }
            return absent;
        }

        @Override
        Node plus(ContextVar<?> key, int hash, int shift, Object value, boolean[] added) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == key) {
                    if (slots[i + 1] == value) {
                        return this;
                    }
                    Object[] s = slots.clone();
                    s[i + 1] = value;
                    return new Collision(s);
                }
            }
            added[0] = true;
            Object[] s = Arrays.copyOf(slots, slots.length + 2);
            s[slots.length] = key;
            s[slots.length + 1] = value;
            return new Collision(s);
        }

        @Override
        Object minus(ContextVar<?> key, int hash, int shift) {
            for (int i = 0; i < slots.length; i += 2) {
                if (slots[i] == key) {
                    if (slots.length == 2) {
                        return null;
                    }
                    Object[] s = new Object[slots.length - 2];
                    System.arraycopy(slots, 0, s, 0, i);
                    System.arraycopy(slots, i + 2, s, i, slots.length - i - 2);
                    return new Collision(s);
                }
            }
            return this;
        }
    }

    static Object missing() {
        return MISSING;
    }
}
