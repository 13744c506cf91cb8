package dev.jasyncio.examples;

import dev.jasyncio.Async;
import dev.jasyncio.gen.AsyncGenerator;
import dev.jasyncio.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Python-style generators: lazy production (an infinite generator, take 5), a coroutine fed with
 * {@code send} (a running average), delegation with {@code yieldFrom}, and an async generator
 * whose body sleeps between values, iterated inside a task and closed with cleanup that awaits.
 */
public final class GeneratorExamples {
    private GeneratorExamples() {}

    /** Entry point. */
    public static void main(String[] args) {
        lazyProduction();
        runningAverage();
        delegation();
        asyncIteration();
    }

    /** Nothing runs until a value is asked for, so an endless body is fine. */
    static void lazyProduction() {
        System.out.println("1. lazy production: the first 5 squares of an endless generator");
        try (Generator<Integer, Void, Void> squares = Generator.of(g -> {
            for (int i = 1; ; i++) {
                System.out.println("   producing " + i * i);
                g.yield(i * i);
            }
        })) {
            List<Integer> firstFive = new ArrayList<>();
            for (int sq : squares) {
                firstFive.add(sq);
                if (firstFive.size() == 5) {
                    break;
                }
            }
            System.out.println("   took " + firstFive);
        }
    }

    /** A coroutine: each send delivers a number at the pending yield and gets the new average back. */
    static void runningAverage() {
        System.out.println("2. a coroutine fed with send: running average");
        Generator<Double, Double, Void> average = Generator.of(g -> {
            double sum = 0;
            int n = 0;
            Double avg = null;
            while (true) {
                double x = g.yield(avg);
                sum += x;
                avg = sum / ++n;
            }
        });
        average.next();
        for (double x : new double[] {10, 20, 30, 40}) {
            System.out.println("   send " + x + " -> average " + average.send(x));
        }
        average.close();
    }

    /** yieldFrom passes the sub-generator's values through and returns what it returns. */
    static void delegation() {
        System.out.println("3. yieldFrom: each sub-generator's values pass through, its return value comes back");
        Generator<String, Void, Integer> words = Generator.of(g -> {
            int total = 0;
            for (String line : List.of("a generator body", "yields lazily")) {
                total += g.yieldFrom(Generator.<String, Void, Integer>of(h -> {
                    String[] parts = line.split(" ");
                    for (String p : parts) {
                        h.yield(p);
                    }
                    return parts.length;
                }));
            }
            return total;
        });
        List<String> seen = new ArrayList<>();
        words.forEach(seen::add);
        System.out.println("   words " + seen + ", returned " + words.returnValue());
    }

    /** An async generator's body awaits between values; iterating it inside a task awaits as it goes. */
    static void asyncIteration() {
        System.out.println("4. async iteration inside a task");
        String summary = Async.run(() -> {
            AsyncGenerator<Integer, Void> ticks = AsyncGenerator.of(g -> {
                try {
                    for (int i = 0; ; i++) {
                        Async.sleep(Duration.ofMillis(10));
                        g.yield(i);
                    }
                } finally {
                    Async.sleep(Duration.ofMillis(5));
                    System.out.println("   ticks: cleaned up after an await");
                }
            });
            Async.createTask(() -> {
                for (int i = 0; i < 3; i++) {
                    System.out.println("   another task runs while the generator sleeps");
                    Async.sleep(Duration.ofMillis(12));
                }
                return null;
            });
            try (ticks) {
                for (int t : ticks) {
                    System.out.println("   tick " + t);
                    if (t == 2) {
                        break;
                    }
                }
            }
            return "closed: " + ticks.isDone() + ", on the " + Async.getRunningLoop().providerName() + " loop";
        });
        System.out.println("   " + summary);
    }
}
