package org.loraproof.driver.cli;

import org.loraproof.storage.Location;
import picocli.CommandLine.ITypeConverter;

/** picocli's conversion of a file argument: a local path or a storage URI. */
final class LocationConverter implements ITypeConverter<Location> {
    @Override
    public Location convert(String value) {
        return Location.of(value);
    }
}
