/**
 * A command-line phone that speaks the device protocol of the CIBA provider: generation 2
 * of the WSO2 push protocol plus our pull of pending requests.
 * <p>
 * {@link dev.ciba.simulator.DeviceSimulator} is the command line. The end-to-end tests
 * use the same pieces as a library: {@link dev.ciba.simulator.QrCodes} reads the
 * registration QR code, {@link dev.ciba.simulator.DiscoveryData} parses its JSON and
 * {@link dev.ciba.simulator.Phone} registers, pulls pending requests and answers them.
 * Calls that tests need to see refused return a {@link dev.ciba.simulator.ServerAnswer}
 * instead of throwing.
 * <p>
 * Everything in this package is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.ciba.simulator;

import org.jspecify.annotations.NullMarked;
