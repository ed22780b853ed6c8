package org.loraproof.driver.resident;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Hands a {@code loraproof groth16 prove} command line to a {@link ResidentProver} over its Unix
 * socket and relays its output and exit code. It is the launcher's fast path: it uses the JDK only,
 * so its JVM starts in about 0.05 s. Usage: {@code ResidentProverClient <socket> groth16 prove …}.
 *
 * <p>The protocol (big-endian): the request is an int {@link #MAGIC}, the client's build ({@link
 * #build()}, a long), its working directory, the argument count (an int) and the arguments, each
 * string an int length and UTF-8 bytes; the answer is a sequence of frames, {@code 'o'} or
 * {@code 'e'} with an int length and bytes for standard output or error, and one {@code 'x'} with
 * the exit code (an int). The launcher speaks it from Perl ({@code bin/resident-client}), whose
 * start costs ~10 ms where a JVM's costs ~70 ms; this class serves where Perl is missing.
 */
public final class ResidentProverClient {
    static final int MAGIC = 0x4c505232; // "LPR2"
    static final byte OUT = 'o', ERR = 'e', EXIT = 'x';
    /**
     * The exit code when no resident prover answered or it cannot run these arguments (options it
     * does not take, help): the launcher then runs the command in its own JVM.
     */
    public static final int NOT_SERVED = 75;

    private ResidentProverClient() {
    }

    /**
     * This build: the modification time of the jar (or class folder) the class came from; a
     * resident prover started before a rebuild sees a different one and declines.
     */
    static long build() {
        try {
            return java.nio.file.Files.getLastModifiedTime(Path.of(
                    ResidentProverClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())).toMillis();
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return 0;
        }
    }

    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: ResidentProverClient <socket> <loraproof arguments…>");
            System.exit(2);
        }
        String[] command = java.util.Arrays.copyOfRange(args, 1, args.length);
        System.exit(run(Path.of(args[0]), Path.of("").toAbsolutePath(), command, System.out, System.err));
    }

    /** Runs {@code args} on the resident prover at {@code socket}; returns its exit code or {@link #NOT_SERVED}. */
    public static int run(Path socket, Path cwd, String[] args, OutputStream out, OutputStream err) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            return NOT_SERVED;
        }
        try (channel) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) { // no socket, a stale one, or not ours: prove locally
                return NOT_SERVED;
            }
            // the whole request in one write
            DataOutputStream request = new DataOutputStream(new java.io.BufferedOutputStream(Channels.newOutputStream(channel)));
            request.writeInt(MAGIC);
            request.writeLong(build());
            writeString(request, cwd.toString());
            request.writeInt(args.length);
            for (String a : args) {
                writeString(request, a);
            }
            request.flush();
            DataInputStream answer = new DataInputStream(Channels.newInputStream(channel));
            while (true) {
                byte kind = answer.readByte();
                if (kind == EXIT) {
                    return answer.readInt();
                }
                byte[] bytes = new byte[answer.readInt()];
                answer.readFully(bytes);
                OutputStream target = kind == OUT ? out : err;
                target.write(bytes);
                target.flush();
            }
        } catch (EOFException e) {
            return lost(socket, err, "closed the connection before the command ended");
        } catch (IOException e) {
            return lost(socket, err, e.getMessage());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** A string as {@link #writeString} sends it; null when its length is negative or above max bytes. */
    static String readString(DataInputStream in, int max) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > max) {
            return null;
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int lost(Path socket, OutputStream err, String why) {
        try {
            err.write(("loraproof: the resident prover at " + socket + " " + why + "\n").getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // nothing left to report to
        }
        return 1;
    }
}
