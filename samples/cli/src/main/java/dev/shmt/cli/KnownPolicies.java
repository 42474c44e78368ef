package dev.shmt.cli;

import dev.shmt.api.PolicyInfo;
import dev.shmt.api.PolicyName;
import java.util.Iterator;

/** The policies {@code --policy} takes, asked of the providers when the help is printed, not fixed at compile time. */
final class KnownPolicies implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return PolicyName.known().stream().map(PolicyInfo::toString).iterator();
    }
}
