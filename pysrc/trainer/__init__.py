"""The pieces of the live MLP trainer (widgets/mlp_trainer.py is the controller).

    setup      the declared settings, the choices they offer, and what they mean
    data       the points to learn: built-in datasets, clicked points, CSV text
    losses     the two losses a classifier can train with
    run        one training run: network, optimizer, epochs, divergence, history
    history    the loss curves, downsampled so drawing cost stays flat
    picture    the decision-boundary heatmap and the neurons' tiny pictures
    layout     where everything goes, for a laptop or a phone width
    draw_net   the network diagram
    draw_plots the data plot, loss curves, accuracy and confusion matrices
    explain    hover / keyboard focus: the formula of a neuron, a weight's value
    export     the trained network as JSON and as PyTorch code
    panel      the HTML controls, grouped
Everything numerical is the engine's (pysrc/engine): nothing here does backprop.
"""
