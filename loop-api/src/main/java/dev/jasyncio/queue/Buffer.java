package dev.jasyncio.queue;

import java.util.ArrayDeque;
import java.util.Comparator;

/** Where a queue keeps its items: the one thing its three kinds differ in. */
abstract class Buffer<T> {

    abstract void add(T item);

    /** Removes the next item to hand out; the buffer is not empty. */
    abstract T poll();

    abstract int size();

    /** First in, first out. */
    static final class Fifo<T> extends Buffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        void add(T item) {
            items.addLast(item);
        }

        @Override
        T poll() {
            return items.pollFirst();
        }

        @Override
        int size() {
            return items.size();
        }
    }

    /** Last in, first out. */
    static final class Lifo<T> extends Buffer<T> {
        private final ArrayDeque<T> items = new ArrayDeque<>();

        @Override
        void add(T item) {
            items.addLast(item);
        }

        @Override
        T poll() {
            return items.pollLast();
        }

        @Override
        int size() {
            return items.size();
        }
    }

    /** Lowest first, by a comparator or the natural order. */
    static final class Priority<T> extends Buffer<T> {
        private final java.util.PriorityQueue<T> items;

        Priority(Comparator<? super T> order) {
            items = new java.util.PriorityQueue<>(order);
        }

        @Override
        void add(T item) {
            items.add(item);
        }

        @Override
        T poll() {
            return items.poll();
        }

        @Override
        int size() {
            return items.size();
        }
    }
}
