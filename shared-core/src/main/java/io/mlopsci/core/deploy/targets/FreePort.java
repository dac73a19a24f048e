package io.mlopsci.core.deploy.targets;

import io.mlopsci.core.error.MlopsException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for model servers. */
final class FreePort {

    private FreePort() {}

    static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw MlopsException.infrastructure("no free port on 127.0.0.1 for a model server: " + e.getMessage(), e);
        }
    }
}
