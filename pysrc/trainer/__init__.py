"""The pieces of the live MLP trainer (widgets/mlp_trainer.py is the controller).

    setup       the declared settings, the choices they offer, and what they mean
    data        the points to learn: built-in datasets, clicked points, CSV text
    source      where a run's points come from: the settings, a pasted CSV, the clicks
    run         one training run: network, optimizer, epochs, divergence, history
    history     the loss curves, downsampled so drawing cost stays flat
    pace        how much each animation frame trains
    pointing    what the learner points at: the probe point, a neuron or a weight
    explain     the formula of a neuron, a weight's value, with today's numbers
    picture     the decision-boundary heatmap and the neurons' tiny pictures
    layout      where everything goes, for a laptop or a phone width
    draw_scene  the whole picture, and the drawings kept from frame to frame
    draw_net    the network diagram
    draw_plots  the data plot, loss curves, accuracy and confusion matrices
    draw_frame  the header and the formula readout
    words       the status line and the canvas's text alternative
    export      the trained network as JSON and as PyTorch code
    panel       the HTML controls, grouped
Everything numerical is the engine's (pysrc/engine): losses, the epoch loop,
backprop, the optimizers and the network's serializer all live there.
"""
