package org.breachnotify.engine;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable declared once with its name and type, so delegates and tests never repeat string literals. An
 * enum is stored as its name (a string the models' expressions compare, e.g. {@code group == 'GROUP_1'}) and read
 * back as the enum.
 */
public record Var<T>(String name, Class<T> type) {

    /** A variable whose values are an enum's constants, stored by name. */
    public static <E extends Enum<E>> Var<E> ofEnum(String name, Class<E> type) {
        return new Var<>(name, type);
    }

    public T get(VariableScope scope) {
        Object stored = scope.getVariable(name);
        if (stored instanceof String s && type.isEnum()) {
            return type.cast(enumConstant(s));
        }
        return type.cast(stored);
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, stored(value));
    }

    /** The value as the engine keeps it: an enum by its name, anything else as it is. */
    public Object stored(T value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }

    /** Transient values are visible to the rest of the transaction (e.g. a DMN evaluation) but never stored. */
    public void setTransient(VariableScope scope, T value) {
        scope.setVariable(name, transientValue(value));
    }

    /** The value as a transient one, for a variables map handed to the engine. */
    public Object transientValue(T value) {
        return org.camunda.bpm.engine.variable.Variables.untypedValue(stored(value), true);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object enumConstant(String constant) {
        return Enum.valueOf((Class) type, constant);
    }
}
