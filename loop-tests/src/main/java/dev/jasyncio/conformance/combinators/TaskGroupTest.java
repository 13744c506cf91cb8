package dev.jasyncio.conformance.combinators;

import static dev.jasyncio.conformance.Tasks.ms;
import static dev.jasyncio.conformance.Tasks.spin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jasyncio.Async;
import dev.jasyncio.AsyncTimeoutException;
import dev.jasyncio.CancelledError;
import dev.jasyncio.Coroutine;
import dev.jasyncio.ExceptionContext;
import dev.jasyncio.ExceptionGroup;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.TaskGroup;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Async.taskGroup: waiting, first error aborts, ExceptionGroup, outside cancellation, exact counts. */
@Conformance
class TaskGroupTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private static Coroutine<String> sleeper(List<String> log, String name) {
        return () -> {
            try {
                Async.sleep(HOUR);
                return name;
            } catch (CancelledError e) {
                log.add(name + " cancelled");
                throw e;
            }
        };
    }

    /** The group ends when every task has ended, and returns the body's value. */
    @Test
    void exitWaitsForEveryTask(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            String r = Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    Async.sleep(ms(2));
                    log.add("slow");
                    return null;
                });
                tg.createTask(() -> {
                    log.add("fast");
                    return null;
                });
                return "body";
            });
            assertEquals("body", r);
            assertEquals(List.of("fast", "slow"), log);
            return null;
        });
    }

    /** While the group waits at its exit, its tasks may add tasks; the group waits for those too. */
    @Test
    void acceptsNewTasksWhileExiting(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    Async.sleep(ms(1));
                    tg.createTask(() -> {
                        Async.sleep(ms(1));
                        log.add("grandchild");
                        return null;
                    });
                    return null;
                });
                return null;
            });
            assertEquals(List.of("grandchild"), log);
            return null;
        });
    }

    /** The first error cancels the other tasks and the body, then the group throws an ExceptionGroup of it. */
    @Test
    void firstErrorCancelsTheOthersAndTheBody(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            IllegalStateException boom = new IllegalStateException("boom");
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "sibling"));
                tg.createTask(() -> {
                    Async.sleep(ms(1));
                    throw boom;
                });
                return sleeper(log, "body").call();
            }));
            assertEquals(List.of(boom), g.getExceptions());
            assertEquals(Set.of("sibling cancelled", "body cancelled"), Set.copyOf(log));
            assertEquals(0, Async.currentTask().cancelling(), "the group withdrew its cancel of the parent");
            Async.sleep(Duration.ZERO);
            return null;
        });
    }

    /** Two tasks that fail: the ExceptionGroup carries both. */
    @Test
    void twoFailingTasksAreBothReported(LoopFactory factory) {
        Tasks.run(factory, () -> {
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    Async.sleep(ms(1));
                    throw new IllegalStateException("one");
                });
                tg.createTask(() -> {
                    try {
                        Async.sleep(HOUR);
                    } catch (CancelledError e) {
                        throw new IllegalArgumentException("two");
                    }
                    return null;
                });
                return null;
            }));
            Set<String> messages = g.getExceptions().stream().map(Throwable::getMessage).collect(Collectors.toSet());
            assertEquals(Set.of("one", "two"), messages);
            assertEquals(2, g.getSuppressed().length);
            assertTrue(g.getMessage().contains("2 sub-exceptions"), g.getMessage());
            return null;
        });
    }

    /** A body that throws cancels the tasks; its error is in the group, with the tasks' errors. */
    @Test
    void theBodysErrorIsIncluded(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            IllegalStateException bodyError = new IllegalStateException("body");
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "child"));
                Async.sleep(Duration.ZERO);
                throw bodyError;
            }));
            assertEquals(List.of(bodyError), g.getExceptions());
            assertEquals(List.of("child cancelled"), log);

            IllegalStateException childError = new IllegalStateException("child");
            ExceptionGroup both = assertThrows(ExceptionGroup.class, () -> Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    throw childError;
                });
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError e) {
                    throw new IllegalArgumentException("body reacting to the cancel");
                }
                return null;
            }));
            assertSame(childError, both.getExceptions().get(0));
            assertEquals("body reacting to the cancel", both.getExceptions().get(1).getMessage());
            return null;
        });
    }

    /** A task cancelled on its own is not an error: the group ends normally. */
    @Test
    void aCancelledTaskIsNotAnError(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            assertEquals("ok", Async.taskGroup(tg -> {
                Task<String> t = tg.createTask(sleeper(log, "child"));
                Async.sleep(Duration.ZERO);
                t.cancel();
                return "ok";
            }));
            assertEquals(List.of("child cancelled"), log);
            return null;
        });
    }

    /** createTask after the group ended, or while it shuts down after an error, is refused. */
    @Test
    void createTaskIsRefusedAfterTheEndAndWhileAborting(LoopFactory factory) {
        Tasks.run(factory, () -> {
            TaskGroup[] group = new TaskGroup[1];
            Async.taskGroup(tg -> {
                group[0] = tg;
                return null;
            });
            IllegalStateException ended = assertThrows(IllegalStateException.class, () -> group[0].createTask(() -> null));
            assertTrue(ended.getMessage().contains("ended"), ended.getMessage());

            List<String> refused = new ArrayList<>();
            assertThrows(ExceptionGroup.class, () -> Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    throw new IllegalStateException("boom");
                });
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError e) {
                    try {
                        tg.createTask(() -> null);
                    } catch (IllegalStateException expected) {
                        refused.add(expected.getMessage());
                    }
                    throw e;
                }
                return null;
            }));
            assertEquals(1, refused.size());
            assertTrue(refused.get(0).contains("shutting down"), refused.get(0));
            return null;
        });
    }

    /** An outside cancel of the parent cancels the tasks and propagates only after they have ended. */
    @Test
    void outsideCancelPropagatesAfterTheTasksEnd(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Task<Object> parent = Async.createTask(() -> {
                try {
                    return Async.taskGroup(tg -> {
                        tg.createTask(() -> {
                            try {
                                Async.sleep(HOUR);
                            } finally {
                                Async.sleep(ms(2));
                                log.add("child ended");
                            }
                            return null;
                        });
                        Async.sleep(HOUR);
                        return null;
                    });
                } catch (CancelledError e) {
                    log.add("parent got CancelledError");
                    throw e;
                }
            });
            spin(2);
            parent.cancel("outside");
            CancelledError e = assertThrows(CancelledError.class, () -> Async.await(parent));
            assertEquals("outside", e.getMessage());
            assertEquals(List.of("child ended", "parent got CancelledError"), log);
            assertEquals(1, parent.cancelling());
            return null;
        });
    }

    /** An outside cancel that arrives while the group waits at its exit propagates after the tasks end. */
    @Test
    void outsideCancelDuringTheExitWait(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Task<Object> parent = Async.createTask(() -> Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "child"));
                return "body done";
            }));
            spin(3);
            parent.cancel();
            assertThrows(CancelledError.class, () -> Async.await(parent));
            assertEquals(List.of("child cancelled"), log);
            return null;
        });
    }

    /** Errors win over an outside cancel, whose request stays counted and is delivered at the next await. */
    @Test
    void errorsWinOverAnOutsideCancelWhichStaysCounted(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Task<Object> parent = Async.createTask(() -> {
                try {
                    Async.taskGroup(tg -> {
                        tg.createTask(() -> {
                            try {
                                Async.sleep(HOUR);
                            } catch (CancelledError e) {
                                throw new IllegalStateException("cleanup failed");
                            }
                            return null;
                        });
                        Async.sleep(HOUR);
                        return null;
                    });
                } catch (ExceptionGroup g) {
                    log.add("group: " + g.getExceptions().get(0).getMessage());
                    log.add("cancelling=" + Async.currentTask().cancelling());
                }
                try {
                    Async.sleep(HOUR);
                } catch (CancelledError e) {
                    log.add("outside cancel delivered");
                    throw e;
                }
                return null;
            });
            spin(2);
            parent.cancel();
            assertThrows(CancelledError.class, () -> Async.await(parent));
            assertEquals(List.of("group: cleanup failed", "cancelling=1", "outside cancel delivered"), log);
            return null;
        });
    }

    /** cancel() from the body or from a task ends the group without an exception, with exact counts. */
    @Test
    void cancelEndsTheGroupWithoutRaising(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            Object r = Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "a"));
                Async.sleep(Duration.ZERO);
                tg.cancel();
                Async.sleep(HOUR);
                return "not reached";
            });
            assertNull(r);
            assertEquals(List.of("a cancelled"), log);
            assertEquals(0, Async.currentTask().cancelling());

            log.clear();
            assertEquals("body value", Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "b"));
                tg.createTask(() -> {
                    Async.sleep(ms(1));
                    tg.cancel();
                    return null;
                });
                return "body value";
            }));
            assertEquals(List.of("b cancelled"), log);
            assertEquals(0, Async.currentTask().cancelling());
            Async.sleep(Duration.ZERO);
            return null;
        });
    }

    /** A timeout around a group: expiry cancels the group's tasks and becomes a timeout. */
    @Test
    void timeoutAroundAGroup(LoopFactory factory) {
        Tasks.run(factory, () -> {
            List<String> log = new ArrayList<>();
            assertThrows(AsyncTimeoutException.class, () -> Async.timeout(ms(2), () -> Async.taskGroup(tg -> {
                tg.createTask(sleeper(log, "child"));
                return null;
            })));
            assertEquals(List.of("child cancelled"), log);
            assertEquals(0, Async.currentTask().cancelling());
            return null;
        });
    }

    /** A VirtualMachineError is thrown as it is; the other errors go to the exception handler. */
    @Test
    void fatalErrorsAreThrownAsTheyAreAndOthersReported(LoopFactory factory) {
        List<ExceptionContext> reports = new ArrayList<>();
        Tasks.run(factory, reports, () -> {
            OutOfMemoryError oom = new OutOfMemoryError("simulated");
            OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> Async.taskGroup(tg -> {
                tg.createTask(() -> {
                    throw new IllegalStateException("ordinary");
                });
                tg.createTask(() -> {
                    throw oom;
                });
                return null;
            }));
            assertSame(oom, thrown);
            return null;
        });
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("ordinary", reports.get(0).exception().getMessage());
    }

    /** The group needs a task. */
    @Test
    void aTaskIsRequired(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<String> fromCallback = Async.getRunningLoop().createFuture();
            Async.getRunningLoop().callSoon(() -> {
                try {
                    Async.taskGroup(tg -> null);
                    fromCallback.setResult("no error");
                } catch (IllegalStateException e) {
                    fromCallback.setResult(e.getMessage());
                }
            });
            assertInstanceOf(String.class, Async.await(fromCallback));
            assertTrue(fromCallback.result().contains("outside a task"));
            return null;
        });
    }
}
