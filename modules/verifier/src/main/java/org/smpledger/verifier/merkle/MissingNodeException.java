package org.smpledger.verifier.merkle;

/** A proof or root needs a node that is not stored (the tree is smaller than asked, or damaged). */
public class MissingNodeException extends RuntimeException {

    private final transient NodeId node;

    public MissingNodeException(NodeId node) {
        super("the stored tree lacks node level " + node.level() + " index " + node.index());
        this.node = node;
    }

    public NodeId node() {
        return node;
    }
}
