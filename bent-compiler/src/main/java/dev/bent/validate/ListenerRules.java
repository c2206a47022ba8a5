package dev.bent.validate;

import dev.bent.diag.Diagnostic;
import dev.bent.diag.Location;
import io.envoyproxy.envoy.config.listener.v3.FilterChain;
import io.envoyproxy.envoy.config.listener.v3.FilterChainMatch;
import io.envoyproxy.envoy.config.listener.v3.Listener;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager;
import io.envoyproxy.envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager.CodecType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Envoy's rules inside one listener that need more than one field: filter chain matches and codecs. */
final class ListenerRules {
  private ListenerRules() {}

  /**
   * Two filter chains with the same {@code filter_chain_match} (an absent one is the empty match).
   * Envoy: {@code source/common/listener_manager/filter_chain_manager_impl.cc}, addFilterChains,
   * "multiple filter chains with the same matching rules are defined". A listener that selects its
   * chains with {@code filter_chain_matcher} is not matched this way and is not checked.
   */
  static void filterChainMatches(String file, String field, Listener listener, List<Diagnostic> problems) {
    if (listener.hasFilterChainMatcher()) {
      return;
    }
    Map<FilterChainMatch, Integer> seen = new HashMap<>();
    List<FilterChain> chains = listener.getFilterChainsList();
    for (int c = 0; c < chains.size(); c++) {
      Integer earlier = seen.putIfAbsent(chains.get(c).getFilterChainMatch(), c);
      if (earlier != null) {
        problems.add(Diagnostic.error(Location.of(file), field + ".filter_chains[" + c + "].filter_chain_match: the"
            + " same as that of filter_chains[" + earlier + "] (Envoy: \"multiple filter chains with the same"
            + " matching rules are defined\")"));
      }
    }
  }

  /** Whether Envoy treats {@code listener} as a QUIC listener: a UDP listener with quic_options. */
  static boolean isQuic(Listener listener) {
    return listener.getUdpListenerConfig().hasQuicOptions();
  }

  /**
   * The connection manager's codec against its listener: HTTP/3 only on a QUIC listener, and a
   * QUIC listener only with HTTP/3. Envoy: {@code
   * source/extensions/filters/network/http_connection_manager/config.cc}, "HTTP/3 codec configured
   * on non-QUIC listener." and "Non-HTTP/3 codec configured on QUIC listener."
   */
  static void codec(String file, String field, HttpConnectionManager hcm, boolean quic, List<Diagnostic> problems) {
    boolean http3 = hcm.getCodecType() == CodecType.HTTP3;
    if (http3 && !quic) {
      problems.add(Diagnostic.error(Location.of(file), field + ".codec_type: HTTP3 on a listener that is not QUIC"
          + " (it needs udp_listener_config.quic_options) (Envoy: \"HTTP/3 codec configured on non-QUIC"
          + " listener.\")"));
    } else if (!http3 && quic) {
      problems.add(Diagnostic.error(Location.of(file), field + ".codec_type: " + hcm.getCodecType() + " on a QUIC"
          + " listener, which needs HTTP3 (Envoy: \"Non-HTTP/3 codec configured on QUIC listener.\")"));
    }
  }
}
