package org.loraproof.circuit;

import java.util.concurrent.atomic.AtomicBoolean;
import org.loraproof.circuit.bn254.Simd;
import org.loraproof.circuit.fft.Fft;

/**
 * Prepares the JIT for proving while a command reads its inputs: a background thread runs the
 * vector kernels until they are compiled, then one small FFT (on two cores this saves about a
 * second per proof; warming the MSMs too cost more than it saved). Meanwhile conversions and FFTs
 * take their scalar path ({@link Simd#warm()}). The launchers also lower the kernels' compile
 * thresholds ({@code -XX:CompileCommand=CompileThresholdScaling}).
 */
public final class WarmUp {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private WarmUp() {
    }

    /** Starts the warm-up once per process; returns at once. A no-op without vector kernels. */
    public static void startAsync() {
        if (!Simd.ENABLED || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(WarmUp::run, "loraproof-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        Simd.warmUp();
        Fft.ofLogSize(12).forward(new long[4 << 12]);
    }
}
