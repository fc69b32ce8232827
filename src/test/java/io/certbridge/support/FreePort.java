package io.certbridge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports for servers to come, and one that stays closed. */
public final class FreePort {

    /** Bound but never listening: connections to it are refused, and no server started later can take it. */
    private static Socket closedPort;

    private FreePort() {
    }

    /** A port that nothing listens on at the moment it is picked. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port that refuses connections for as long as the tests run. */
    public static synchronized int closed() {
        if (closedPort == null) {
            try {
                closedPort = new Socket();
                closedPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return closedPort.getLocalPort();
    }
}
