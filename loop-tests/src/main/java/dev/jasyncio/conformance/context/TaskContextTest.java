package dev.jasyncio.conformance.context;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jasyncio.Async;
import dev.jasyncio.Context;
import dev.jasyncio.ContextVar;
import dev.jasyncio.EventLoop;
import dev.jasyncio.Future;
import dev.jasyncio.LoopFactory;
import dev.jasyncio.Task;
import dev.jasyncio.TaskFactory;
import dev.jasyncio.Token;
import dev.jasyncio.conformance.Conformance;
import dev.jasyncio.conformance.Tasks;
import dev.jasyncio.gen.Generator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A task's context as tokens and {@link Task#getContext()} see it: tokens belong to the task (or
 * callback) whose step made them, through eager first steps and generator bodies, and the
 * Context a task hands out is the one its steps read and write.
 */
@Conformance
class TaskContextTest {
    private static final ContextVar<String> WHO = new ContextVar<>("who");

    /**
     * A token made in an eager child's first step is the child's: the creator cannot reset it, the
     * child can at its next step; a token the creator made before the eager step is still the
     * creator's afterwards.
     */
    @Test
    void tokensAroundAnEagerFirstStepStayWithTheTaskThatMadeThem(LoopFactory factory) {
        Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            loop.setTaskFactory(TaskFactory.EAGER);
            Token<String> creators = WHO.set("creator");
            Future<Token<String>> childToken = loop.createFuture();
            Future<Void> gate = loop.createFuture();
            Task<String> child = Async.createTask(() -> {
                childToken.setResult(WHO.set("child"));
                Async.await(gate);
                WHO.reset(childToken.result());
                return WHO.get();
            });
            assertFalse(child.isDone(), "the child suspended in its first step");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WHO.reset(childToken.result()),
                "the child's token in the creator");
            assertEquals("token for 'who' was created in a different context", e.getMessage());
            WHO.reset(creators);
            assertEquals("none", WHO.get("none"), "the creator's own set was undone");
            gate.setResult(null);
            assertEquals("creator", Async.await(child), "the child undid its set at its second step");
            return null;
        });
    }

    /**
     * A plain callback's token survives an eager task's first step run inside that callback, and
     * the step cannot reset it.
     */
    @Test
    void aCallbacksTokenSurvivesAnEagerStepRunInsideIt(LoopFactory factory) {
        List<String> seen = Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            loop.setTaskFactory(TaskFactory.EAGER);
            Future<List<String>> done = loop.createFuture();
            loop.callSoon(() -> {
                List<String> l = new ArrayList<>();
                Token<String> callbacks = WHO.set("callback");
                Task<Void> t = loop.createTask(() -> {
                    l.add(outcomeOfReset(callbacks));
                    return null;
                });
                l.add("task done: " + t.isDone());
                l.add(outcomeOfReset(callbacks) + " -> " + WHO.get("unset"));
                done.setResult(l);
            });
            return Async.await(done);
        });
        assertEquals(List.of("refused", "task done: true", "reset -> unset"), seen);
    }

    /**
     * A generator body runs in the context of whoever resumes it (asyncio: a generator has no
     * context of its own): a token it makes in a task is reset by that task after the yield, and
     * the body then sees the reset; another task cannot reset it.
     */
    @Test
    void aTokenMadeInAGeneratorBodyBelongsToTheTaskResumingIt(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Generator<Token<String>, Void, Void> gen = Generator.of(g -> {
                g.yield(WHO.set("in-generator"));
                g.yield(null);
                return null;
            });
            Token<String> token = gen.next();
            assertEquals("in-generator", WHO.get(), "the body's set is the task's");
            Task<String> other = Async.createTask(() -> outcomeOfReset(token));
            assertEquals("refused", Async.await(other), "another task cannot reset it");
            WHO.reset(token);
            assertEquals("none", WHO.get("none"));
            Generator<String, Void, Void> reader = Generator.of(g -> {
                g.yield(WHO.get("none"));
                return null;
            });
            assertEquals("none", reader.next(), "a body resumed afterwards sees the reset");
            gen.close();
            reader.close();
            return null;
        });
    }

    /**
     * A generator driven from a plain callback runs in the callback's context: the callback resets
     * the token the body made.
     */
    @Test
    void aTokenMadeInAGeneratorBodyInAPlainCallbackBelongsToTheCallback(LoopFactory factory) {
        String seen = Tasks.run(factory, () -> {
            EventLoop loop = Async.getRunningLoop();
            Future<String> done = loop.createFuture();
            loop.callSoon(() -> {
                Generator<Token<String>, Void, Void> gen = Generator.of(g -> {
                    g.yield(WHO.set("in-generator"));
                    return null;
                });
                Token<String> token = gen.next();
                String before = WHO.get("unset");
                WHO.reset(token);
                done.setResult(before + " -> " + WHO.get("unset"));
                gen.close();
            });
            return Async.await(done);
        });
        assertEquals("in-generator -> unset", seen);
    }

    /**
     * The Context of a task first asked for after a step holds that step's sets, and it is the
     * same object on every call.
     */
    @Test
    void theContextAskedForAfterAStepHoldsItsSets(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            WHO.set("creator");
            Task<String> t = Async.createTask(() -> {
                WHO.set("before anyone asked");
                Async.await(gate);
                return WHO.get();
            });
            Async.sleep(Duration.ZERO);
            Context ctx = t.getContext();
            assertEquals("before anyone asked", ctx.get(WHO));
            assertSame(ctx, t.getContext());
            assertEquals("creator", WHO.get(), "the creator's own value is untouched");
            gate.setResult(null);
            assertEquals("before anyone asked", Async.await(t));
            return null;
        });
    }

    /**
     * A set made through a suspended task's Context (Context.run) is what the task reads at its
     * next step, and the task's later sets show in that Context.
     */
    @Test
    void aSetThroughTheContextOfASuspendedTaskIsSeenAtItsNextStep(LoopFactory factory) {
        Tasks.run(factory, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Task<String> t = Async.createTask(() -> {
                WHO.set("task");
                Async.await(gate);
                String seen = WHO.get();
                WHO.set("after " + seen);
                return seen;
            });
            Async.sleep(Duration.ZERO);
            Context ctx = t.getContext();
            ctx.run(() -> WHO.set("from outside"));
            assertEquals("from outside", ctx.get(WHO));
            gate.setResult(null);
            assertEquals("from outside", Async.await(t));
            assertEquals("after from outside", ctx.get(WHO));
            return null;
        });
    }

    /**
     * A task asked for its Context inside its own step keeps writing into it: the sets of that
     * step, before and after the call, are there once the step ends.
     */
    @Test
    void theContextAskedForInsideAStepGetsThatStepsSets(LoopFactory factory) {
        ContextVar<String> later = new ContextVar<>("later");
        Tasks.run(factory, () -> {
            Future<Void> gate = Async.getRunningLoop().createFuture();
            Future<Context> asked = Async.getRunningLoop().createFuture();
            Task<Void> t = Async.createTask(() -> {
                WHO.set("before the call");
                asked.setResult(Async.currentTask().getContext());
                later.set("after the call");
                Async.await(gate);
                return null;
            });
            Context ctx = Async.await(asked);
            assertSame(ctx, t.getContext());
            assertEquals("before the call", ctx.get(WHO));
            assertEquals("after the call", ctx.get(later));
            gate.setResult(null);
            Async.await(t);
            return null;
        });
    }

    /** A task created with an explicit Context hands out that very object, before and after it ran. */
    @Test
    void aTaskCreatedWithAContextHandsOutThatContext(LoopFactory factory) {
        Context ctx = new Context();
        Tasks.run(factory, () -> {
            Task<Void> t = Async.getRunningLoop().createTask(() -> {
                WHO.set("written");
                return null;
            }, "explicit", ctx);
            assertSame(ctx, t.getContext());
            Async.await(t);
            assertSame(ctx, t.getContext());
            return null;
        });
        assertEquals("written", ctx.get(WHO));
    }

    /** "reset" if {@code token} resets here, "refused" if it belongs to another context. */
    private static String outcomeOfReset(Token<String> token) {
        try {
            WHO.reset(token);
            return "reset";
        } catch (IllegalArgumentException e) {
            return "refused";
        }
    }
}
