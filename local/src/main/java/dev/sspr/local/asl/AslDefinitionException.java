package dev.sspr.local.asl;

/**
 * Invalid state machine definition: malformed JSON, an unknown substitution placeholder,
 * a missing or misspelled field, a transition to a state that does not exist, or a feature
 * that this interpreter does not support. The message names the state and field.
 */
public class AslDefinitionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AslDefinitionException(String message) {
        super(message);
    }

    public AslDefinitionException(String message, Throwable cause) {
        super(message, cause);
    }
}
