package dev.jasyncio.debug;

import dev.jasyncio.Task;
import java.util.List;

/**
 * One task in a {@link TaskDump}: what it is doing, whom it waits for and who waits for it.
 *
 * @param task the task itself
 * @param id its number in this dump (1 for the oldest live task)
 * @param name its name
 * @param state {@code created} (first step not run yet), {@code running}, {@code suspended} (in
 *     an await), or {@code ready} (to run its next step)
 * @param cancelling pending cancellation requests ({@link Task#cancelling()})
 * @param awaiting the future it is suspended on, described, or null
 * @param awaits the ids of the tasks it waits for, directly or through gather, shield, wait or a
 *     task group
 * @param awaitedBy the ids of the tasks that wait for it, directly or through those combinators
 * @param stack its suspended stack, without the loop's own suspension frames (empty unless suspended)
 * @param createdAt where it was created, if that was in debug mode; else empty
 * @apiNote asyncio: a node of {@code asyncio.capture_call_graph} ({@code FutureCallGraph}) and a
 *     row of {@code python -m asyncio ps}.
 */
public record TaskInfo(Task<?> task, int id, String name, String state, int cancelling, String awaiting,
        List<Integer> awaits, List<Integer> awaitedBy, List<StackTraceElement> stack, List<StackTraceElement> createdAt) {

    /** Copies the lists. */
    public TaskInfo {
        awaits = List.copyOf(awaits);
        awaitedBy = List.copyOf(awaitedBy);
        stack = List.copyOf(stack);
        createdAt = List.copyOf(createdAt);
    }

    /** {@code #3 worker}: the id and name, as dumps show them. */
    String label() {
        return "#" + id + " " + name;
    }
}
