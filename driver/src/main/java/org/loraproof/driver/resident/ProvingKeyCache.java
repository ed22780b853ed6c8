package org.loraproof.driver.resident;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loraproof.circuit.groth16.ProvingKey;
import org.loraproof.circuit.groth16.ZkeyFile;

/**
 * The proving keys a {@link ResidentProver} has read, kept parsed while their files stay as they
 * were (same file, size, modification and change time) and while they fit in {@code budgetBytes};
 * the least recently used go first. A changed file is read again.
 */
final class ProvingKeyCache {
    private record Entry(ProvingKey key, List<Object> stamp) {
    }

    private final long budgetBytes;
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long usedBytes;

    ProvingKeyCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** The key in {@code path}, from memory when the file has not changed since it was read. */
    synchronized ProvingKey get(Path path) throws IOException {
        Path real = path.toRealPath();
        List<Object> stamp = stamp(real);
        Entry e = entries.get(real);
        if (e != null && e.stamp.equals(stamp)) {
            return e.key;
        }
        if (e != null) {
            entries.remove(real);
            usedBytes -= e.key.sizeInBytes();
        }
        ProvingKey key = ZkeyFile.read(path);
        if (!stamp(real).equals(stamp)) { // written while we read: use it once, keep nothing
            return key;
        }
        long bytes = key.sizeInBytes();
        Iterator<Map.Entry<Path, Entry>> eldest = entries.entrySet().iterator();
        while (usedBytes + bytes > budgetBytes && eldest.hasNext()) {
            usedBytes -= eldest.next().getValue().key.sizeInBytes();
            eldest.remove();
        }
        if (bytes <= budgetBytes) {
            entries.put(real, new Entry(key, stamp));
            usedBytes += bytes;
        }
        return key;
    }

    /** How many keys are held. */
    synchronized int size() {
        return entries.size();
    }

    /** The memory the held keys take. */
    synchronized long bytes() {
        return usedBytes;
    }

    private static List<Object> stamp(Path real) throws IOException {
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        Object changed;
        try {
            changed = Files.getAttribute(real, "unix:ctime"); // moves on every write, unlike mtime
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            changed = "";
        }
        return List.of(String.valueOf(a.fileKey()), a.size(), a.lastModifiedTime(), changed);
    }
}
