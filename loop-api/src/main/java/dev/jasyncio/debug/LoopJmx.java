package dev.jasyncio.debug;

import dev.jasyncio.internal.debug.LoopProbe;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registers a {@link LoopMXBean} per running loop with the platform MBean server. Called by the
 * monitor thread only (so a loop never pays for JMX); {@link #isRegistered} from any thread.
 */
final class LoopJmx {
    /** System property: {@code false} turns registration off. */
    static final String PROPERTY = "jasyncio.jmx";
    private static final System.Logger LOG = System.getLogger("dev.jasyncio.debug");

    private final Map<LoopProbe, ObjectName> registered = new ConcurrentHashMap<>();
    private final boolean enabled = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    private MBeanServer server;

    boolean enabled() {
        return enabled;
    }

    boolean isRegistered(LoopProbe loop) {
        return registered.containsKey(loop);
    }

    /** Registers the loops of {@code running} not yet registered, unregisters the others. */
    void sync(Collection<LoopProbe> running) {
        if (!enabled) {
            return;
        }
        for (LoopProbe p : registered.keySet()) {
            if (!running.contains(p) || p.runningThread() == null) {
                unregister(p);
            }
        }
        for (LoopProbe p : running) {
            if (!registered.containsKey(p) && p.runningThread() != null) {
                register(p);
            }
        }
    }

    static ObjectName name(String loopId) throws JMException {
        return new ObjectName("dev.jasyncio:type=Loop,name=" + loopId.replaceAll("[,=:\"*?\\s]", "_"));
    }

    private void register(LoopProbe p) {
        try {
            if (server == null) {
                server = ManagementFactory.getPlatformMBeanServer();
            }
            ObjectName name = name(p.loopId());
            server.registerMBean(new StandardMBean(new Bean(p), LoopMXBean.class, true), name);
            registered.put(p, name);
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not register the JMX bean of event loop " + p.loopId(), e);
        }
    }

    private void unregister(LoopProbe p) {
        ObjectName name = registered.remove(p);
        try {
            if (name != null && server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not unregister " + name, e);
        }
    }

    /** The bean: reads the probe (racy samples) and asks the loop for dumps. */
    private record Bean(LoopProbe probe) implements LoopMXBean {
        @Override
        public String getLoopId() {
            return probe.loopId();
        }

        @Override
        public String getEngine() {
            return probe.loop().engineName();
        }

        @Override
        public boolean isRunning() {
            return probe.runningThread() != null;
        }

        @Override
        public boolean isDebug() {
            return probe.debugMode();
        }

        @Override
        public long getIterations() {
            return probe.iterations();
        }

        @Override
        public long getBusyMillis() {
            return TimeUnit.NANOSECONDS.toMillis(probe.busyNanos());
        }

        @Override
        public long getIdleMillis() {
            return TimeUnit.NANOSECONDS.toMillis(probe.idleNanos());
        }

        @Override
        public int getReadyQueueDepth() {
            return probe.readyDepth();
        }

        @Override
        public int getLiveTasks() {
            return probe.liveTasks();
        }

        @Override
        public long getWatchdogThresholdMillis() {
            long n = LoopMonitor.INSTANCE.thresholdNanos(probe);
            return n > 0 ? TimeUnit.NANOSECONDS.toMillis(n) : -1;
        }

        @Override
        public String dumpTasks() {
            return TaskDump.dumpThreadsafe(probe.loop(), Duration.ofSeconds(DUMP_TIMEOUT_SECONDS));
        }

        @Override
        public String dumpTasksJson() {
            try {
                return TaskDump.request(probe.loop()).get(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS).toJson();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String why = e instanceof java.util.concurrent.TimeoutException
                    ? "the loop did not answer within " + DUMP_TIMEOUT_SECONDS + " s (blocked or not running)" : e.toString();
                return "{\"loop\":\"" + probe.loopId() + "\",\"error\":\"" + why.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
            }
        }
    }
}
