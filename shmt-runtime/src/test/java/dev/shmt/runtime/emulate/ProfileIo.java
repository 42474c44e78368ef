package dev.shmt.runtime.emulate;

/** The profile writer and reader, for tests outside their package. */
public final class ProfileIo {
    private ProfileIo() {}

    public static Profile roundTrip(Profile p) {
        return ProfileReader.read(p.toJson(), p.name());
    }
}
