"""A small neural-network engine in plain NumPy, written to be read.

Read it in this order: activations, init, dense, losses, network,
regularization, optimizers, train. Then data, features, csv_data for the
datasets the course plays with. Then, one chapter each, what Levels 3 and 4
add: surfaces (2-D losses to descend), rnn and seq2seq (recurrence and the
encoder–decoder, with number_words for its data), layer_norm and attention
(the Transformer block), conv and pooling, dropout and dropout_net,
batch_norm and bn_net, early_stopping, residual, autoencoder.
"""
from .activations import ACTIVATIONS, linear, relu, sigmoid, softmax, tanh
from .csv_data import parse_csv
from .data import DATASETS, make_dataset, train_test_split
from .dense import Dense
from .features import FEATURES, make_features
from .init import INITIALIZERS, init_weights
from .losses import mse, sigmoid_cross_entropy, softmax_cross_entropy
from .network import MLP
from .optimizers import OPTIMIZERS, SGD, Adam, Momentum, make_optimizer
from .regularization import REGULARIZERS, add_penalty_gradient, penalty
from .train import accuracy, check_divergence, evaluate, fit, train_epoch, train_step
