package dev.jasyncio;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes sure that the exception of a failed task reaches someone: if nobody retrieves it, it is
 * reported to the loop's exception handler when the task is garbage collected or the loop
 * closes, whichever comes first (asyncio reports only at GC, possibly never).
 */
final class UnretrievedErrors {
    /*
     * Each failed task gets a Report, registered with a shared Cleaner and kept in `pending`.
     * The Report never references the task, so the task stays collectable; its name is copied.
     * - retrieval (result/exception/await): Report.retrieved() marks it and deregisters it;
     * - task collected: the Cleaner thread posts the report to the loop (callSoonThreadsafe);
     * - loop close: every Report still pending is reported there and then.
     * A Report is reported at most once (`done`, touched only on the loop thread, except that
     * the Cleaner reads `retrieved`, which is volatile).
     */
    private static final Cleaner CLEANER = Cleaner.create();

    private final LoopCore loop;
    private final Set<Report> pending = new LinkedHashSet<>();

    UnretrievedErrors(LoopCore loop) {
        this.loop = loop;
    }

    Report arm(Task<?> task, Throwable error) {
        Report r = new Report(task.getName(), error);
        pending.add(r);
        r.cleanable = CLEANER.register(task, r::collected);
        return r;
    }

    /** At loop close: reports what was never retrieved. */
    void reportAllAtClose() {
        List<Report> left = new ArrayList<>(pending);
        pending.clear();
        for (Report r : left) {
            r.report("closed its loop");
        }
    }

    final class Report {
        private final String taskName;
        private final Throwable error;
        private volatile boolean retrieved;
        private boolean done;
        private Cleaner.Cleanable cleanable;

        Report(String taskName, Throwable error) {
            this.taskName = taskName;
            this.error = error;
        }

        /** Loop thread: the exception was handed to someone. */
        void retrieved() {
            retrieved = true;
            pending.remove(this);
            cleanable.clean();
        }

        /** Cleaner thread: the task was collected. */
        private void collected() {
            if (retrieved || loop.isClosed()) {
                return;
            }
            try {
                loop.callSoonThreadsafe(() -> {
                    if (pending.remove(this)) {
                        report("was garbage collected");
                    }
                });
            } catch (IllegalStateException closedMeanwhile) {
                // The loop closed between the check and the call; close() reported it.
            }
        }

        private void report(String when) {
            if (done || retrieved) {
                return;
            }
            done = true;
            loop.callExceptionHandler(ExceptionContext.of(
                "Task exception was never retrieved (task " + taskName + " " + when + ")", error)
                .with(ExceptionContext.TASK, taskName));
        }
    }
}
