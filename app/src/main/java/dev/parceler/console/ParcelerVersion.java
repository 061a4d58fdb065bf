package dev.parceler.console;

import picocli.CommandLine.IVersionProvider;

/** The version written into the jar's manifest at build time. */
final class ParcelerVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ParcelerVersion.class.getPackage().getImplementationVersion();
        return new String[] {"parceler " + (version == null ? "(development build)" : version)};
    }
}
