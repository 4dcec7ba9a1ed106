import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native agent into a running JVM with its options intact: {@code jcmd JVMTI.agent_load} cuts
 * an option string at its first '=', which async-profiler's options need.
 *
 * <pre>java bench/AgentLoad.java PID /path/libasyncProfiler.so start,event=cpu,interval=1ms</pre>
 */
public final class AgentLoad {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java bench/AgentLoad.java <pid> <agent library> <options>");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
