package dev.shmt.bench.results;

import java.util.Map;

/**
 * {@code --against-real}: one policy emulated against the same policy on the real devices, in the same
 * interleaved rounds: the real median, the emulated time over the real one per round, the HLOP shares of
 * both in percent, and how far apart the shares are at most, in points; {@code error} when either side
 * failed.
 */
public record AgainstReal(double realMs, Estimate ratio, Map<String, Double> realShares,
                          Map<String, Double> emulatedShares, double mostApartPoints, String error) {}
