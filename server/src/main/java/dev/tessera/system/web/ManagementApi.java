package dev.tessera.system.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.core.annotation.AliasFor;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Marks a controller of the JSON management API under {@code /api/v1}: its errors are RFC 9457
 * problem details (see {@link ApiExceptionHandler}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@RequestMapping
public @interface ManagementApi {

    /** The controller's path under the API root, e.g. {@code /api/v1/users}. */
    @AliasFor(annotation = RequestMapping.class, attribute = "path")
    String[] value() default {};
}
