package dev.tessera.verifier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * A small API on embedded Tomcat behind {@link TesseraVerifierFilter}: it answers 200 with what it
 * received from the filter (the two headers and the two request attributes) and counts its calls.
 */
final class ServletApp implements AutoCloseable {

    private final Tomcat tomcat = new Tomcat();
    final AtomicInteger reached = new AtomicInteger();

    ServletApp(TesseraVerifier verifier) throws IOException, LifecycleException {
        Path base = Files.createTempDirectory("servlet-app");
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "api", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                reached.incrementAndGet();
                response.setContentType("text/plain");
                response.getWriter().write(request.getHeader(TesseraVerifierFilter.MANAGER_CUSTOMER_ID) + " "
                        + request.getHeader(TesseraVerifierFilter.ACCESS_LEVEL) + " "
                        + request.getAttribute(TesseraVerifierFilter.MANAGER_CUSTOMER_ID) + " "
                        + request.getAttribute(TesseraVerifierFilter.ACCESS_LEVEL));
            }
        });
        context.addServletMappingDecoded("/*", "api");
        FilterDef filter = new FilterDef();
        filter.setFilterName("tessera");
        filter.setFilter(new TesseraVerifierFilter(verifier));
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("tessera");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        tomcat.start();
    }

    String url() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }
}
