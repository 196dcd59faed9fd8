package org.breachnotify.platform;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Bad requests to our API, answered as {@code {"error": "..."}} with a sentence for the caller, never an exception
 * or class name: a parameter of the wrong type names the parameter and, for a choice, the values allowed; an
 * {@link IllegalArgumentException} from our own code carries its message, written for the caller.
 */
@RestControllerAdvice(basePackages = "org.breachnotify")
public class ApiErrors {

    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<Map<String, String>> wrongType(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String allowed = type != null && type.isEnum()
                ? "; one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", "))
                : type != null && Number.class.isAssignableFrom(box(type)) ? "; a whole number" : "";
        return ResponseEntity.badRequest().body(Map.of("error",
                "'" + name + "' has a value that is not allowed: '" + e.getValue() + "'" + allowed));
    }

    /** A JSON body that does not read: a field of the wrong type is named, as for a parameter. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String name = m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
            Class<?> type = m.getTargetType();
            Class<?> boxed = type == null ? Void.class : box(type);
            String allowed = boxed == Integer.class || boxed == Long.class ? "; a whole number"
                    : Number.class.isAssignableFrom(boxed) ? "; a number" : type == String.class ? "; text" : "";
            return ResponseEntity.badRequest().body(Map.of("error",
                    "'" + name + "' has a value that is not allowed" + allowed));
        }
        return ResponseEntity.badRequest().body(Map.of("error", cause instanceof JsonProcessingException
                && !(cause instanceof JsonMappingException)
                ? "the request body is not valid JSON" : "the request body cannot be read"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static Class<?> box(Class<?> type) {
        return type == long.class ? Long.class : type == int.class ? Integer.class : type;
    }
}
