package org.loraproof.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A file argument of a {@code groth16} command: a local path, or a storage URI ({@code file://},
 * {@code hdfs://}, {@code s3a://}) that Hadoop's FileSystem reads and writes (atomically, as the
 * artifact store does). Keys are read in parallel chunks either way; other files through a URI are
 * read whole (up to 2 GB). Local paths keep the resident prover; Hadoop is loaded only for a URI.
 */
public final class Location {
    private static final Pattern URI = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*");

    private final String text;
    /** The local path, or null for a URI. */
    private final Path local;

    private Location(String text, Path local) {
        this.text = text;
        this.local = local;
    }

    public static Location of(String arg) {
        return URI.matcher(arg).matches() ? new Location(arg, null) : new Location(arg, Path.of(arg));
    }

    /**
     * A URI as a store gives it; a Hadoop path's text may have lost an empty authority
     * ({@code hdfs:/lp} for {@code hdfs:///lp}), which {@link #of(String)} would take for a path.
     */
    public static Location ofUri(String uri) {
        return new Location(uri, null);
    }

    public static Location of(Path local) {
        return new Location(local.toString(), local);
    }

    /** Whether it names a local path (not a URI). */
    public boolean isLocal() {
        return local != null;
    }

    /** The local path; only when {@link #isLocal()}. */
    public Path path() {
        if (local == null) {
            throw new IllegalStateException(text + " is a URI");
        }
        return local;
    }

    /** The location as a URI that Hadoop's FileSystem reads anywhere (a local path becomes {@code file://…}). */
    public String uri() {
        return local != null ? local.toAbsolutePath().normalize().toUri().toString() : text;
    }

    /** The whole file. */
    public byte[] read() throws IOException {
        return local != null ? Files.readAllBytes(local) : Remote.read(text);
    }

    /** Positioned reads of a URI's file, for readers that take it in parallel chunks (keys); only for a URI. */
    public org.loraproof.circuit.r1cs.SectionedFile.Source source() throws IOException {
        if (local != null) {
            throw new IllegalStateException(text + " is a local path");
        }
        return Remote.source(text);
    }

    /** The file's length in bytes. */
    public long size() throws IOException {
        return local != null ? Files.size(local) : Remote.size(text);
    }

    /** Writes the whole new file or nothing. */
    public void write(byte[] content) throws IOException {
        write(out -> out.write(content));
    }

    /** As {@link #write(byte[])}, streamed. */
    public void write(ArtifactStore.Content content) throws IOException {
        if (local != null) {
            AtomicWrite.local(local, content, null); // the umask's permissions, as snarkjs's outputs get
        } else {
            Remote.write(text, content);
        }
    }

    /** The local ones among locations (nulls skipped). */
    public static Path[] localPaths(Location... locations) {
        return java.util.Arrays.stream(locations).filter(l -> l != null && l.isLocal()).map(Location::path)
                .toArray(Path[]::new);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Hadoop's side, in a class of its own so that local paths never load Hadoop (not even to verify this class). */
    private static final class Remote {
        static byte[] read(String uri) throws IOException {
            try {
                return ArtifactStore.readUri(uri, HadoopConf.create());
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(uri); // as the user wrote it
            }
        }

        static org.loraproof.circuit.r1cs.SectionedFile.Source source(String uri) throws IOException {
            return HadoopSource.open(uri, HadoopConf.create());
        }

        static long size(String uri) throws IOException {
            try {
                return ArtifactStore.sizeAndTime(uri, HadoopConf.create())[0];
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(uri);
            }
        }

        static void write(String uri, ArtifactStore.Content content) throws IOException {
            ArtifactStore.writeUri(uri, content);
        }
    }
}
