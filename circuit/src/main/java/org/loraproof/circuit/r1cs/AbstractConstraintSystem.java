package org.loraproof.circuit.r1cs;

import java.util.ArrayList;
import java.util.List;

/** Variable numbering and naming scopes shared by the constraint-system implementations. */
abstract class AbstractConstraintSystem implements ConstraintSystem {
    private final List<String> scopes = new ArrayList<>();
    private String prefix = "";
    int variables = 1;
    int publicInputs;
    int constraints;
    private boolean privateAllocated;

    /** The current scope path, such as {@code sample[17].merkle.base}. */
    String prefix() {
        return prefix;
    }

    @Override
    public Scope scope(String name) {
        scopes.add(name);
        String saved = prefix;
        prefix = prefix.isEmpty() ? name : prefix + "." + name;
        return () -> {
            scopes.remove(scopes.size() - 1);
            prefix = saved;
        };
    }

    /** The scope-qualified name. */
    String qualified(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Goes on as if {@code variable} variables (of which {@code publicInputs} public) and {@code constraint} constraints were made. */
    void continueAt(int publicInputs, int variable, int constraint) {
        this.publicInputs = publicInputs;
        this.variables = variable;
        this.constraints = constraint;
        this.privateAllocated = true;
    }

    int allocatePublic() {
        if (privateAllocated) {
            throw new IllegalStateException("public inputs must be declared before private variables");
        }
        publicInputs++;
        return variables++;
    }

    int allocatePrivate() {
        privateAllocated = true;
        return variables++;
    }

    @Override
    public int numConstraints() {
        return constraints;
    }

    @Override
    public int numVariables() {
        return variables;
    }

    @Override
    public int numPublicInputs() {
        return publicInputs;
    }
}
