package dev.tessera.system.web;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.DataAccessResourceFailureException;
import dev.tessera.system.TesseraException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Maps the management API's exceptions to RFC 9457 problem details with the status of the cause.
 * Bad input names the field at fault; nothing a client sent (a token, a password) is echoed back.
 * Unexpected errors become a 500 whose body says nothing about the cause; the log has it.
 */
@RestControllerAdvice(annotations = ManagementApi.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(TesseraException.class)
    ResponseEntity<ProblemDetail> refusal(TesseraException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(ErrorStatus.of(e), e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return ResponseEntity.status(ErrorStatus.of(e)).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return refusal(TesseraException.invalid(e.getName(), "Invalid value for '" + e.getName() + "'."));
    }

    /** The database cannot be reached (or stopped answering): 503 at once, not a 500 or a 401 after the pool's wait. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class})
    ResponseEntity<ProblemDetail> databaseOutage(Exception e) {
        log.warn("Management API call refused: the database is unreachable ({})", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutage.RETRY_AFTER_SECONDS)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                        e instanceof CannotCreateTransactionException || e instanceof CannotGetJdbcConnectionException
                                ? DatabaseOutage.NOTHING_CHANGED : DatabaseOutage.OUTCOME_UNKNOWN));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error in the management API", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side; nothing was changed."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = fieldOf(e);
        String detail = field == null
                ? "The request body is missing or is not valid JSON."
                : "Invalid value for '" + field + "'.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> errors = e.getBindingResult().getFieldErrors().stream().collect(Collectors.toMap(
                fieldError -> fieldError.getField(),
                fieldError -> String.valueOf(fieldError.getDefaultMessage()),
                (first, second) -> first,
                java.util.TreeMap::new));
        String detail = errors.entrySet().stream()
                .map(entry -> "'" + entry.getKey() + "' " + entry.getValue())
                .collect(Collectors.joining("; ", "Invalid request: ", "."));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("field", errors.isEmpty() ? null : errors.keySet().iterator().next());
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    private static String fieldOf(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                List<JacksonException.Reference> path = jackson.getPath();
                String joined = path.stream()
                        .map(reference -> reference.getPropertyName() != null
                                ? reference.getPropertyName()
                                : "[" + reference.getIndex() + "]")
                        .collect(Collectors.joining("."));
                return joined.isEmpty() ? null : joined;
            }
        }
        return null;
    }
}
