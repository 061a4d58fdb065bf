package dev.parceler.auth;

/** What a machine sends as Basic credentials: its system id and its secret. The secret never appears in text. */
public record MachineCredentials(String systemId, String secret) {
    @Override
    public String toString() {
        return "MachineCredentials[systemId=" + systemId + "]";
    }
}
